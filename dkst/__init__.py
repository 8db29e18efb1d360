"""dkst: keep the “Đoàn kết sáng tạo” emulation movement's plan, models and reports as YAML, and check them."""

__version__ = "0.1.0"
