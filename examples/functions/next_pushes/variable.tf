# A module input holding a schedule's trigger, refused at plan when any of
# its next ten pushes falls in quiet hours (22:00 to 08:00).
variable "reminder_trigger" {
  description = "The trigger of the daily reminder, as jpush_schedule's trigger."
  type = object({
    periodical = object({
      start     = string
      end       = string
      time      = string
      time_unit = string
      frequency = number
      point     = optional(list(string))
    })
  })
  default = {
    periodical = {
      start     = "2027-01-01 00:00:00"
      end       = "2027-03-31 23:59:59"
      time      = "19:00:00"
      time_unit = "day"
      frequency = 1
    }
  }

  validation {
    condition = alltrue([
      for at in provider::jpush::next_pushes(var.reminder_trigger, "Asia/Shanghai", "2027-01-01T00:00:00+08:00", 10) :
      tonumber(formatdate("hh", at)) >= 8 && tonumber(formatdate("hh", at)) < 22
    ])
    error_message = "The reminder must push between 08:00 and 22:00 (Asia/Shanghai)."
  }
}
