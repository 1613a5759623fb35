terraform {
  required_providers {
    jpush = {
      source = "jpushtf/jpush"
    }
  }
}

# This schedule was first written as resource "jpush_schedule" "promo".
# Renaming the resource block alone would plan a destroy and a create: the
# schedule deleted, a new one made with a new id (and, for a schedule that
# has already pushed, a push sent again). The moved block tells Terraform
# that jpush_schedule.spring_sale is the schedule it knew as
# jpush_schedule.promo: the plan moves it in the state, and applying it
# sends nothing to JPush. Keep the block while any state may still hold the
# old address (other workspaces, modules of other teams).
resource "jpush_schedule" "spring_sale" {
  name = "spring_sale"
  trigger = {
    single = { time = "2027-03-20T10:00:00+08:00" }
  }
  push = {
    audience     = { tag = ["shoppers"] }
    notification = { alert = "The spring sale starts now" }
  }
}

moved {
  from = jpush_schedule.promo
  to   = jpush_schedule.spring_sale
}
