terraform {
  required_providers {
    jpush = {
      source = "jpushtf/jpush"
    }
  }
}

# Order notices from a console template whose text uses the variables
# {{title}} and {{content}}: one JPush schedule per element of params, all
# named "order_notice" and firing at the same time.
resource "jpush_template_schedule" "order_notice" {
  template_id   = "c0ffee123456"
  schedule_name = "order_notice"

  trigger = {
    single = {
      time = "2027-03-01T09:30:00+08:00"
    }
  }

  params = [
    {
      trace_id = "order-1001"
      keys     = { title = "Hi Alice", content = "Your order has shipped" }
      audience = { registration_id = ["1a0018970a1b2c3d4e5"] }
      options  = { test_model = true }
    },
    {
      trace_id = "order-1002"
      keys     = { title = "Hi Bob", content = "Your order has shipped" }
      audience = { registration_id = ["1a0018970a1b2c3d4e6", "1a0018970a1b2c3d4e7"] }
      options  = { time_to_live = 3600, apns_production = false }
    },
  ]
}

# The schedule id JPush gave each element, by trace_id.
output "order_notice_schedule_ids" {
  value = jpush_template_schedule.order_notice.schedule_ids
}

# A weekly reminder to one tag group (a tag audience allows a single element),
# created disabled, from the same console template.
resource "jpush_template_schedule" "weekly_reminder" {
  template_id   = "c0ffee123456"
  schedule_name = "weekly_reminder"
  enabled       = false

  trigger = {
    periodical = {
      start     = "2027-01-04 00:00:00"
      end       = "2027-06-30T23:59:59+08:00"
      time      = "18:00:00"
      time_unit = "week"
      frequency = 1
      point     = ["SUN"]
    }
  }

  params = [
    {
      trace_id = "vip"
      keys     = { title = "Weekly reminder", content = "Your points expire soon" }
      audience = { tag = ["vip"], tag_not = ["unsubscribed"] }
    },
  ]
}
