"""A team on one book: its people and roles, who owns which account, handoffs between
people, the manager's report and accounts brought in from a CRM."""
