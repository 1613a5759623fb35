terraform {
  required_providers {
    jpush = {
      source = "jpushtf/jpush"
    }
  }
}

variable "time_zone" {
  description = "The zone JPush reads wall clocks in: the provider's time_zone, passed to the functions too."
  type        = string
  default     = "Asia/Shanghai"
}

variable "review_from" {
  description = "Show and check the pushes after this instant (RFC 3339); null means the time of the plan."
  type        = string
  default     = null
}

variable "campaigns" {
  description = "Weekly marketing pushes in January and February 2027: name => week days, time of day and text."
  type = map(object({
    days  = list(string)
    time  = string
    alert = string
  }))
  default = {
    weekly_digest = { days = ["MON", "FRI"], time = "08:30:00", alert = "Your weekly digest is ready" }
  }

  validation {
    condition     = alltrue([for c in var.campaigns : can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$", c.time))])
    error_message = "Each campaign's time must be HH:MM:SS, 24-hour, such as 08:30:00."
  }
}

provider "jpush" {
  time_zone = var.time_zone
}

resource "jpush_schedule" "campaign" {
  for_each = var.campaigns

  name = each.key
  trigger = {
    periodical = {
      start     = "2027-01-01 00:00:00"
      end       = "2027-02-28 23:59:59"
      time      = each.value.time
      time_unit = "week"
      frequency = 1
      point     = each.value.days
    }
  }
  push = {
    audience     = { tag = ["marketing"] }
    notification = { alert = each.value.alert }
  }
}

locals {
  review_from = coalesce(var.review_from, plantimestamp())

  # The next 100 pushes of every schedule, RFC 3339 in time_zone.
  next_pushes = {
    for name, s in jpush_schedule.campaign :
    name => provider::jpush::next_pushes(s.trigger, var.time_zone, local.review_from, 100)
  }
}

# The plan shows when each schedule pushes next.
output "next_pushes" {
  description = "The next five pushes of every schedule."
  value       = { for name, pushes in local.next_pushes : name => slice(pushes, 0, min(5, length(pushes))) }
}

# Marketing pushes must not wake anyone: a warning at plan and apply when
# one falls between 22:00 and 08:00 in time_zone.
check "quiet_hours" {
  assert {
    condition = alltrue(flatten([
      for name, pushes in local.next_pushes : [
        for at in pushes : tonumber(formatdate("hh", at)) >= 8 && tonumber(formatdate("hh", at)) < 22
      ]
    ]))
    error_message = "A marketing push falls in quiet hours (22:00 to 08:00): ${jsonencode({
      for name, pushes in local.next_pushes : name => [
        for at in pushes : at if tonumber(formatdate("hh", at)) < 8 || tonumber(formatdate("hh", at)) >= 22
      ]
    })}"
  }
}
