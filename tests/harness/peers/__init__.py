"""Real servers for Tributary's tests, started on 127.0.0.1 and stopped by PID."""
