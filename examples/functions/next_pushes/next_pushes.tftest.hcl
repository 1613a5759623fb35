# terraform test (Terraform 1.8 or later, OpenTofu 1.7 or later): plan-mode
# runs of this directory. They call only the function, so they need no
# JPush app.

run "weekly_pushes" {
  command = plan

  assert {
    condition     = output.first_pushes == tolist(["2027-01-01T08:30:00+08:00", "2027-01-04T08:30:00+08:00", "2027-01-08T08:30:00+08:00"])
    error_message = "Unexpected pushes: ${jsonencode(output.first_pushes)}"
  }
}

run "reminder_at_night_is_refused" {
  command = plan

  variables {
    reminder_trigger = {
      periodical = {
        start     = "2027-01-01 00:00:00"
        end       = "2027-03-31 23:59:59"
        time      = "23:30:00"
        time_unit = "day"
        frequency = 1
      }
    }
  }

  expect_failures = [var.reminder_trigger]
}

run "ended_reminder_warns" {
  command = plan

  variables {
    reminder_trigger = {
      periodical = {
        start     = "2026-12-01 00:00:00"
        end       = "2026-12-31 23:59:59"
        time      = "19:00:00"
        time_unit = "day"
        frequency = 1
      }
    }
  }

  expect_failures = [check.reminder_pushes_soon]
}
