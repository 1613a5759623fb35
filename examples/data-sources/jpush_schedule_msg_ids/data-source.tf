terraform {
  required_providers {
    jpush = {
      source = "jpushtf/jpush"
    }
  }
}

# A weekly digest, and the message ids it produced, one per run. Before its
# first run the list is empty; after a single schedule has fired, JPush may
# stop answering for it: the data source then returns no entries and a
# warning, so the configuration still plans.
resource "jpush_schedule" "weekly_digest" {
  name = "weekly_digest"
  trigger = {
    periodical = {
      start     = "2027-01-04 00:00:00"
      end       = "2027-06-30 23:59:59"
      time      = "08:30:00"
      time_unit = "week"
      frequency = 1
      point     = ["MON"]
    }
  }
  push = {
    audience     = { tag = ["digest_subscribers"] }
    notification = { alert = "Your weekly digest is ready" }
  }
}

data "jpush_schedule_msg_ids" "digest" {
  schedule_id = jpush_schedule.weekly_digest.id
}

output "digest_runs" {
  value = data.jpush_schedule_msg_ids.digest.msg_count
}

# The runs JPush could not send, with the reason.
output "digest_failed_runs" {
  value = [
    for m in data.jpush_schedule_msg_ids.digest.msg_ids : {
      msg_id  = m.msg_id
      sent_at = m.sent_at
      error   = "${m.error_code}: ${m.error_message}"
    } if m.error_code != 0
  ]
}
