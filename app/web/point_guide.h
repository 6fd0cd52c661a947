#pragma once
// The point guide beside the session form: a small drawing of the arm or leg with each of the
// protocol's points marked at its distance from the wrist or ankle. A client measuring at home is
// asked for "12 cm" and has nothing else to tell her where that is.
#include "html.h"
#include "swelltrack/protocol.h"

namespace swelltrack::web {

/// The drawing as one inline <svg>: the limb upright (hand or foot at the bottom), a line across it
/// at each point (class "tape") with its distance ("12 cm", class "point") to the right, and on the
/// left the landmark at 0 cm (class "landmark": "wrist" or "ankle"). Distances are drawn to one
/// scale from the landmark up; labels too close to sit beside their lines are moved apart and joined
/// to them by a leader. role="img" with a <title> naming the protocol and a <desc> giving the
/// distances in words.
///
/// Suits the strict Content-Security-Policy: no style attributes, colours as currentColor (dark mode)
/// and classes for the stylesheet. Its width and height are CSS px, with text at 13 px, so a phone
/// shows it at that size (it is about 150 px wide). Empty for fewer than two points, which no valid
/// protocol has.
Svg point_guide_svg(const Protocol& protocol);

/// The guide as the form shows it: folded in a <details> "Where to measure", with a line on how.
void point_guide(Html& b, const Protocol& protocol);

}  // namespace swelltrack::web
