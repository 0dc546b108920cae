"""Render: the only ReportLab drawing code; turns laid-out pages into PDF bytes."""
