terraform {
  required_providers {
    jpush = {
      source = "jpushtf/jpush"
    }
  }
}

# A schedule that must never be missing: when a change plans a replacement
# (a switch between single and periodical, or an edit after it ended), the
# new schedule is created before the old one is deleted. JPush allows two
# schedules with the same name, so a create that JPush rejects leaves the
# old schedule in place instead of a gap.
resource "jpush_schedule" "daily_digest" {
  name = "daily_digest"
  trigger = {
    periodical = {
      start     = "2027-01-01 00:00:00"
      end       = "2027-06-30 23:59:59"
      time      = "08:00:00"
      time_unit = "day"
      frequency = 1
    }
  }
  push = {
    audience     = { tag = ["digest_subscribers"] }
    notification = { alert = "Your daily digest is ready" }
  }

  lifecycle {
    create_before_destroy = true
  }
}

# A schedule that no plan may delete or replace by accident. Uncomment
# prevent_destroy to protect it: every plan that would delete or replace it
# then fails, terraform destroy included, until the line is commented out
# or removed again. It is commented here so that the example can be
# destroyed as shipped.
resource "jpush_schedule" "contract_notice" {
  name = "contract_notice"
  trigger = {
    single = { time = "2027-03-01T10:00:00+08:00" }
  }
  push = {
    audience     = { tag = ["enterprise"] }
    notification = { alert = "Your contract renews next month" }
  }

  lifecycle {
    # prevent_destroy = true
  }
}
