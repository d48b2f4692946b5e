// Tests of the bsort_* merge sort (natives.md §14) over plain arrays.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <utility>
#include <vector>

#include "std/merge_sort.h"

namespace hlffi::rt {
namespace {

TEST(MergeSort, SortsAndCountsInsertionComparisons) {
    std::vector<int32_t> a = {1, 2, 3, 4, 5};
    int calls = 0;
    auto cmp = [&](int32_t x, int32_t y, int32_t* r) { calls++; *r = x - y; return true; };
    ASSERT_TRUE(merge_sort(a.data(), 5, cmp));
    EXPECT_EQ(calls, 4);
    std::vector<int32_t> b = {5, 4, 3, 2, 1};
    calls = 0;
    ASSERT_TRUE(merge_sort(b.data(), 5, cmp));
    EXPECT_EQ(calls, 10);
    EXPECT_EQ(b, (std::vector<int32_t>{1, 2, 3, 4, 5}));
}

TEST(MergeSort, RandomArraysMatchStableSort) {
    std::mt19937 rng(42);
    for (int n = 0; n < 300; n += 7) {
        std::vector<std::pair<int32_t, int32_t>> v;
        for (int i = 0; i < n; i++) v.push_back({static_cast<int32_t>(rng() % 10), i});
        auto expected = v;
        std::stable_sort(expected.begin(), expected.end(), [](auto& x, auto& y) { return x.first < y.first; });
        auto cmp = [](const std::pair<int32_t, int32_t>& x, const std::pair<int32_t, int32_t>& y, int32_t* r) {
            *r = x.first - y.first;
            return true;
        };
        ASSERT_TRUE(merge_sort(v.data(), n, cmp));
        EXPECT_EQ(v, expected) << n;
    }
}

TEST(MergeSort, DoublesDescending) {
    std::vector<double> v = {0.5, -1, 3.25, 2, 2, 9, -7, 0, 1e9, 4, 4.5, 6, 11, 12, 0.1};
    auto cmp = [](double x, double y, int32_t* r) { *r = x < y ? 1 : (x > y ? -1 : 0); return true; };
    ASSERT_TRUE(merge_sort(v.data(), static_cast<int32_t>(v.size()), cmp));
    EXPECT_TRUE(std::is_sorted(v.begin(), v.end(), std::greater<double>()));
}

TEST(MergeSort, StopsAtOnceWhenComparatorFails) {
    std::vector<int32_t> v(50);
    for (int i = 0; i < 50; i++) v[i] = 50 - i;
    int calls = 0;
    auto cmp = [&](int32_t x, int32_t y, int32_t* r) {
        if (++calls == 20) return false;
        *r = x - y;
        return true;
    };
    EXPECT_FALSE(merge_sort(v.data(), 50, cmp));
    EXPECT_EQ(calls, 20);
}

TEST(MergeSort, InconsistentComparatorTerminates) {
    std::vector<int32_t> v(100);
    for (int i = 0; i < 100; i++) v[i] = i;
    auto cmp = [](int32_t, int32_t, int32_t* r) { *r = -1; return true; };
    ASSERT_TRUE(merge_sort(v.data(), 100, cmp));
    std::vector<int32_t> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    for (int i = 0; i < 100; i++) EXPECT_EQ(sorted[i], i);  // still a permutation
}

}  // namespace
}  // namespace hlffi::rt
