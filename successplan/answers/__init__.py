"""What the customer sends back, however it comes (ticked Markdown, the HTML plan's reply
file, an email): read, matched with the version they were sent, compared, applied."""
