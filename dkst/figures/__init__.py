"""Figures: the period's exact numbers (aggregate, frames, status table, reminders), never words; writers round
them once, at the edge."""
