"""Running LabSecure on one machine against moto: the emulated Lambda runtime, API adapter, pollers, demo."""
