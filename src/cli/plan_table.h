#pragma once
// The human-readable plan: sessions by day and window, the unscheduled jobs with their
// remedies, and the summary the issue asks for.

#include <ostream>

#include "plan/model.h"

namespace cli {

void PrintPlanTable(const plan::Plan& plan, std::ostream& out);

}  // namespace cli
