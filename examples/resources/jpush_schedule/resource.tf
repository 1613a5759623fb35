terraform {
  required_providers {
    jpush = {
      source = "jpushtf/jpush"
    }
  }
}

# A one-off push with the typed `push` attribute. The time is RFC 3339 with an
# offset; "2027-05-04 09:30:00" (read in the provider's time_zone) is the same.
resource "jpush_schedule" "example" {
  name = "spring_sale_launch"

  trigger = {
    single = {
      time = "2027-05-04T09:30:00+08:00"
    }
  }

  push = {
    platform = ["android", "ios"]
    audience = {
      tag     = ["vip", "newsletter"]
      tag_not = ["unsubscribed"]
    }
    notification = {
      alert = "The spring sale starts now"
      android = {
        title  = "Spring sale"
        extras = { screen = "sale" }
      }
      ios = {
        badge  = "+1"
        sound  = "default"
        extras = { screen = "sale" }
      }
    }
    options = {
      time_to_live    = 3600
      apns_production = true
    }
  }
}

# A weekly digest, every Monday and Friday at 08:30 Beijing time, for the
# first half of 2027. start uses JPush's own wall-clock format, end RFC 3339.
resource "jpush_schedule" "weekly_digest" {
  name = "weekly_digest"

  trigger = {
    periodical = {
      start     = "2027-01-04 00:00:00"
      end       = "2027-06-30T23:59:59+08:00"
      time      = "08:30:00"
      time_unit = "week"
      frequency = 1
      point     = ["MON", "FRI"]
    }
  }

  push = {
    audience = { alias = ["user_1001", "user_1002"] }
    notification = {
      alert = "Your weekly digest is ready"
      hmos = {
        title    = "Weekly digest"
        category = "MARKETING"
      }
    }
    message = {
      msg_content = "digest_ready"
      extras      = { kind = "weekly" }
    }
  }
}

# A twice-monthly reminder, created disabled, whose payload uses fields the
# typed `push` does not model (the iOS alert object, an Android big picture):
# push_json takes any Push API v3 payload.
resource "jpush_schedule" "billing_reminder" {
  name    = "billing_reminder"
  enabled = false

  trigger = {
    periodical = {
      start     = "2027-01-01T00:00:00+08:00"
      end       = "2027-12-31T23:59:59+08:00"
      time      = "10:00:00"
      time_unit = "month"
      frequency = 1
      point     = ["01", "15"]
    }
  }

  push_json = jsonencode({
    platform = "all"
    audience = { tag = ["billing"] }
    notification = {
      android = {
        alert        = "Your invoice is ready"
        title        = "Billing"
        style        = 3
        big_pic_path = "https://example.com/invoice.png"
      }
      ios = {
        alert = {
          title    = "Billing"
          subtitle = "Invoice"
          body     = "Your invoice is ready"
        }
        sound = "default"
      }
    }
    options = { time_to_live = 86400 }
  })
}
