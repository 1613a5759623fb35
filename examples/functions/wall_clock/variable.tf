# A launch time computed elsewhere (say, from timeadd()) must land on 09:30
# in Asia/Shanghai, whatever offset it is written with.
variable "launch_at" {
  description = "When the launch push goes out, RFC 3339."
  type        = string
  default     = "2027-05-04T09:30:00+08:00"

  validation {
    condition     = endswith(provider::jpush::wall_clock(var.launch_at, "Asia/Shanghai"), " 09:30:00")
    error_message = "The launch push must go out at 09:30 Asia/Shanghai time."
  }
}
