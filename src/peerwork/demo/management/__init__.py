"""Why `peerwork demo` refuses production; peerwork.cli reads this before Django loads."""

PRODUCTION_REFUSAL = (
    "peerwork demo refuses to run with PEERWORK_ENV=production: it creates accounts whose "
    "passwords are published (they are in its source and it prints them), and it is only "
    "for the embedded demo database. Nothing was changed."
)
