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

# Name => ids, e.g. to find the id of a schedule to import. JPush allows
# several schedules with one name, so each name maps to a list of ids (the
# "..." groups them; without it, two schedules with one name fail the plan
# with "Duplicate object key").
output "weekly_schedule_ids" {
  value = { for s in data.jpush_schedules.weekly.schedules : s.name => s.id... }
}

# Id => next firing of each single schedule, RFC 3339 in the provider's
# time_zone (ids are unique, names are not).
output "single_times" {
  value = { for s in data.jpush_schedules.all.schedules : s.id => s.trigger.single.time if s.trigger.single != null }
}
