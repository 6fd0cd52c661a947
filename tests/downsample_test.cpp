#include "downsample.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

using swelltrack::chart::downsample_minmax;
using swelltrack::chart::XY;

namespace {
std::vector<XY> daily(int n) {
    std::vector<XY> v;
    for (int i = 0; i < n; ++i) v.push_back({static_cast<double>(i), 1800.0 + 20.0 * std::sin(i * 0.3)});
    return v;
}
}  // namespace

TEST_CASE("a short series is drawn as it is") {
    auto v = daily(50);
    CHECK(downsample_minmax(v, 100).size() == 50);
}

TEST_CASE("five years of daily values keep at most two vertices per bucket") {
    auto v = daily(1826);
    auto out = downsample_minmax(v, 240);
    CHECK(out.size() <= 2 * 240);
    CHECK(out.size() >= 240);
    CHECK(std::is_sorted(out.begin(), out.end(), [](const XY& a, const XY& b) { return a.x < b.x; }));
}

TEST_CASE("a one-day spike survives downsampling") {
    auto v = daily(2000);
    v[1234].y = 2500.0;
    v[777].y = 1000.0;
    auto out = downsample_minmax(v, 100);
    auto hi = std::max_element(out.begin(), out.end(), [](const XY& a, const XY& b) { return *a.y < *b.y; });
    auto lo = std::min_element(out.begin(), out.end(), [](const XY& a, const XY& b) { return *a.y < *b.y; });
    CHECK(*hi->y == 2500.0);
    CHECK(hi->x == 1234.0);
    CHECK(*lo->y == 1000.0);
}

TEST_CASE("missing values stay gaps and the output stays bounded") {
    auto v = daily(3000);
    for (int i = 1000; i < 1100; ++i) v[i].y = std::nullopt;  // a 100-day break
    for (int i = 0; i < 3000; i += 3) v[i].y = std::nullopt;  // and a missing value every third day
    auto out = downsample_minmax(v, 200);
    CHECK(out.size() <= 5 * 200);
    CHECK(out.size() < v.size());
    bool gap_in_break =
        std::any_of(out.begin(), out.end(), [](const XY& p) { return !p.y && p.x >= 1000 && p.x < 1100; });
    CHECK(gap_in_break);
    bool value_in_break =
        std::any_of(out.begin(), out.end(), [](const XY& p) { return p.y && p.x >= 1000 && p.x < 1100; });
    CHECK_FALSE(value_in_break);
    CHECK(out.front().y.has_value());  // leading gaps are dropped
}
