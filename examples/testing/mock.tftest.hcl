# A mocked provider: Terraform creates nothing and asks no JPush app, yet
# plans and applies the module (computed attributes get made-up values) and
# still calls the real functions.

mock_provider "jpush" {}

variables {
  review_from = "2027-01-01T00:00:00+08:00"
}

run "two_campaigns_without_jpush" {
  variables {
    campaigns = {
      weekly_digest = { days = ["MON", "FRI"], time = "08:30:00", alert = "Your weekly digest is ready" }
      weekend_deals = { days = ["SAT"], time = "10:00:00", alert = "Weekend deals" }
    }
  }

  assert {
    condition     = length(jpush_schedule.campaign) == 2
    error_message = "Expected two schedules."
  }

  assert {
    condition     = output.next_pushes["weekend_deals"][0] == "2027-01-02T10:00:00+08:00"
    error_message = "The weekend deals first push at ${output.next_pushes["weekend_deals"][0]}."
  }
}
