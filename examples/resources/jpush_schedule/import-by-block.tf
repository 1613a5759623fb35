# Terraform 1.5+ / OpenTofu: import a schedule made in the JPush console into
# jpush_schedule.example. The id is the schedule_id (a UUID).
import {
  to = jpush_schedule.example
  id = "0eac1b80-c2ac-4b69-948b-c65b34b96512"
}
