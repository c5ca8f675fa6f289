/* Placeholder: written next. */
#include "timeline/timeline.h"
