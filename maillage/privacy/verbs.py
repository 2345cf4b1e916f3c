"""The privacy app's audit verbs, one enum per subject (each registered with `register_verbs`)."""
