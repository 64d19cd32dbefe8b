"""Accounts as a service: users and passwords, login throttling, and who may see and change what.

Every blueprint checks access through :mod:`assessor.accounts.access`; the ``auth``
blueprint only holds the login and logout pages.
"""
