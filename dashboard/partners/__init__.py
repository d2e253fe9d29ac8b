"""Oscar's partners dashboard, whose delete view explains what keeps a centre's
partner (``views``); the partners app itself stays Oscar's."""
