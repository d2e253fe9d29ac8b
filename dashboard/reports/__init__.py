"""Oscar's reports dashboard, whose CSV files are written inert
(``dashboard.csv_exports``).

Oscar's loader reads ``dashboard.reports.*`` here first because the dashboard
app is forked; the reports app itself stays Oscar's.
"""
