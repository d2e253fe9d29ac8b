"""Oscar's vouchers dashboard, whose voucher-set download is written inert
(``dashboard.csv_exports``); the vouchers app itself stays Oscar's."""
