# The demo that `make demo` applies against the local JPush emulator.
# Credentials and endpoint come from JPUSH_APP_KEY, JPUSH_MASTER_SECRET and
# JPUSH_ENDPOINT; the times from variables that scripts/demo.sh computes
# once (a time computed inside the configuration, such as plantimestamp(),
# would change on every plan).

terraform {
  required_providers {
    jpush = {
      source = "jpushtf/jpush"
    }
  }
}

variable "single_time" {
  description = "When the one-off push fires (RFC 3339)."
  type        = string
}

variable "periodical_start" {
  description = "Start of the recurring push's window (RFC 3339)."
  type        = string
}

variable "periodical_end" {
  description = "End of the recurring push's window (RFC 3339)."
  type        = string
}

provider "jpush" {
  # app_key, master_secret and endpoint from the environment.
  time_zone = "Asia/Shanghai"
}

# A one-off push a few minutes from now.
resource "jpush_schedule" "launch" {
  name = "demo_launch_一次"
  trigger = {
    single = { time = var.single_time }
  }
  push = {
    platform = ["android", "ios"]
    audience = { tag = ["beta_testers"] }
    notification = {
      alert   = "The new version is live"
      android = { title = "Launch", extras = { screen = "whats_new" } }
      ios     = { badge = "+1", sound = "default" }
    }
    options = { time_to_live = 3600, apns_production = false }
  }
}

# A weekly digest on Monday and Friday mornings.
resource "jpush_schedule" "digest" {
  name = "demo_weekly_digest"
  trigger = {
    periodical = {
      start     = var.periodical_start
      end       = var.periodical_end
      time      = "08:30:00"
      time_unit = "week"
      frequency = 1
      point     = ["MON", "FRI"]
    }
  }
  push_json = jsonencode({
    platform     = "all"
    audience     = { tag = ["digest_subscribers"] }
    notification = { alert = "Your weekly digest is ready" }
    message      = { msg_content = "digest", extras = { kind = "weekly" } }
  })
}

# What JPush lists for this demo, and what the one-off push has sent.
data "jpush_schedules" "demo" {
  name_prefix = "demo_"
  depends_on  = [jpush_schedule.launch, jpush_schedule.digest]
}

data "jpush_schedule_msg_ids" "launch" {
  schedule_id = jpush_schedule.launch.id
}

output "launch_id" {
  value = jpush_schedule.launch.id
}

output "digest_id" {
  value = jpush_schedule.digest.id
}
