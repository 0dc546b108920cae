"""Render: the only ReportLab drawing code; turns laid-out pages into PDF bytes.

Streams are Flate-compressed without the ASCII85 wrapper: 20 % smaller files and no
pure-Python encoding pass over every page.
"""
from reportlab import rl_config

rl_config.useA85 = 0
