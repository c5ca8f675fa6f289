/* Placeholder: written next. */
