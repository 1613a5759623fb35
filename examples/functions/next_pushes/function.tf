terraform {
  required_providers {
    jpush = {
      source = "jpushtf/jpush"
    }
  }
}

# The first three pushes of "every week on MON and FRI at 08:30" in January
# 2027, in the provider's time_zone (Asia/Shanghai unless set otherwise).
output "first_pushes" {
  value = provider::jpush::next_pushes(
    {
      periodical = {
        start     = "2027-01-01 00:00:00"
        end       = "2027-02-28 23:59:59"
        time      = "08:30:00"
        time_unit = "week"
        frequency = 1
        point     = ["MON", "FRI"]
      }
    },
    "Asia/Shanghai",
    "2027-01-01T00:00:00+08:00",
    3
  )
  # ["2027-01-01T08:30:00+08:00", "2027-01-04T08:30:00+08:00", "2027-01-08T08:30:00+08:00"]
}
