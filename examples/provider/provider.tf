terraform {
  required_providers {
    jpush = {
      source = "jpushtf/jpush"
    }
  }
}

variable "jpush_app_key" {
  description = "AppKey of the JPush app (JPush console, application settings)."
  type        = string
}

variable "jpush_master_secret" {
  description = "Master Secret of the JPush app. Pass it with TF_VAR_jpush_master_secret or a secret store, never in a committed file."
  type        = string
  sensitive   = true
}

provider "jpush" {
  app_key       = var.jpush_app_key
  master_secret = var.jpush_master_secret

  # Optional settings, shown with their defaults:
  # endpoint        = "https://api.jpush.cn" # or JPUSH_ENDPOINT
  # time_zone       = "Asia/Shanghai"
  # max_retries     = 4
  # request_timeout = "30s"
}
