#include "plan/model.h"

namespace plan {}  // namespace plan
