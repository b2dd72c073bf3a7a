"""Background work for sessions. Tasks receive ids and call a service; services enqueue them with
`transaction.on_commit`. Staffing solves sit above the services that notify, so nothing loops."""
