# terraform test (Terraform 1.8 or later, OpenTofu 1.7 or later): plan-mode
# runs of this directory. They call only the function, so they need no
# JPush app.

run "utc_to_shanghai" {
  command = plan

  assert {
    condition     = output.launch_wall_clock == "2027-05-04 09:30:00"
    error_message = "Unexpected wall clock: ${output.launch_wall_clock}"
  }
}

run "launch_at_the_wrong_hour_is_refused" {
  command = plan

  variables {
    launch_at = "2027-05-04T09:30:00Z" # 17:30 in Shanghai
  }

  expect_failures = [var.launch_at]
}

run "weekend_launch_warns" {
  command = plan

  variables {
    launch_at = "2027-05-08T01:30:00Z" # Saturday 09:30 in Shanghai
  }

  expect_failures = [check.launch_on_a_weekday]
}
