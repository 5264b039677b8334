"""Quality measurements of the extract and link stages against hand-made gold files."""
