"""The Qt GUI: the only package that imports PySide6. It reaches the use cases through
`Backend.call(service_function, ...)` and never holds a database session itself."""
