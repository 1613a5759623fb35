terraform {
  required_providers {
    jpush = {
      source = "jpushtf/jpush"
    }
  }
}

# Every valid schedule of the app.
data "jpush_schedules" "all" {}

# The enabled periodical schedules whose names start with "weekly_".
data "jpush_schedules" "weekly" {
  name_prefix  = "weekly_"
  enabled      = true
  trigger_kind = "periodical"
}

output "schedule_count" {
  value = length(data.jpush_schedules.all.schedules)
}

# Name => id, e.g. to find the id of a schedule to import.
output "weekly_schedule_ids" {
  value = { for s in data.jpush_schedules.weekly.schedules : s.name => s.id }
}

# The next firing of each single schedule, RFC 3339 in the provider's time_zone.
output "single_times" {
  value = { for s in data.jpush_schedules.all.schedules : s.name => s.trigger.single.time if s.trigger.single != null }
}
