# Plan-mode runs against JPush: the plan reads JPush's clock, so give the
# provider an app (JPUSH_APP_KEY, JPUSH_MASTER_SECRET) or the emulator
# (JPUSH_ENDPOINT too; see the Testing locally guide). Nothing is created.

variables {
  review_from = "2027-01-01T00:00:00+08:00"
}

run "digest_pushes_monday_and_friday" {
  command = plan

  assert {
    condition     = jpush_schedule.campaign["weekly_digest"].trigger.periodical.point == tolist(["MON", "FRI"])
    error_message = "The digest's trigger changed: ${jsonencode(jpush_schedule.campaign["weekly_digest"].trigger)}"
  }

  assert {
    condition = output.next_pushes["weekly_digest"] == tolist([
      "2027-01-01T08:30:00+08:00", "2027-01-04T08:30:00+08:00", "2027-01-08T08:30:00+08:00",
      "2027-01-11T08:30:00+08:00", "2027-01-15T08:30:00+08:00",
    ])
    error_message = "Unexpected pushes: ${jsonencode(output.next_pushes["weekly_digest"])}"
  }
}

run "monday_only_moves_the_next_push" {
  command = plan

  variables {
    campaigns = {
      weekly_digest = { days = ["MON"], time = "08:30:00", alert = "Your weekly digest is ready" }
    }
  }

  assert {
    condition     = output.next_pushes["weekly_digest"][0] == "2027-01-04T08:30:00+08:00"
    error_message = "The next push is ${output.next_pushes["weekly_digest"][0]}, not Monday 4 January."
  }
}

run "night_push_fails_the_quiet_hours_check" {
  command = plan

  variables {
    campaigns = {
      late_offer = { days = ["SAT"], time = "23:15:00", alert = "Last chance" }
    }
  }

  expect_failures = [check.quiet_hours]
}

run "malformed_time_is_refused" {
  command = plan

  variables {
    campaigns = {
      weekly_digest = { days = ["MON"], time = "8:30", alert = "Your weekly digest is ready" }
    }
  }

  expect_failures = [var.campaigns]
}
