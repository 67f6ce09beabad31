#pragma once
// Field-by-field comparison of plans for round-trip tests. USD amounts and ratios are
// compared after the 6-decimal rounding that the plan file applies.

#include "plan/model.h"

namespace plan::testing {

void ExpectSpecsEqual(const Spec& actual, const Spec& expected);
void ExpectPlansEqual(const Plan& actual, const Plan& expected);

}  // namespace plan::testing
