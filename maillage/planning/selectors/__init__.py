"""The planning app's reads, filtered by permission: plans (`plans`), objectives
(`objectives`), actions (`actions`)."""
