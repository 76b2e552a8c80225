// Dialog templates
