"""Alerts by email: readers follow a speaker, a directive or a search with an email address
and get one digest a day of the public statements new since the last.

``models`` (subscriptions, and the confirmation mails the throttle counts), ``subscribing``
(double opt-in and its throttle), ``tokens`` (the signed links), ``mail`` (what a mail says),
``digest`` (the daily run), ``tasks`` (the same run on the queue). This package file imports
nothing, so the core can register the models without pulling in the rest.
"""
