variable "schedule_id" {
  description = "A schedule_id, e.g. jpush_schedule.weekly_digest.id."
  type        = string
}

# The message ids a schedule produced, one per run.
data "jpush_schedule_msg_ids" "digest" {
  schedule_id = var.schedule_id
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
