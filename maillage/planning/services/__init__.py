"""The planning app's services, one module per subject: the plan, its needs and orientations
(`plans`), objectives, targets and progress (`objectives`), actions (`actions`), adoption by
consent (`adoption`)."""
