// std layer: the in-place stable merge sort of bsort_i32/bsort_f64 (natives.md §14). Its exact
// sequence of comparisons is observable (comparator side effects, inconsistent comparators), so
// it follows the specified recursion step by step. Pure: tested without a VM.
#pragma once

#include <cstdint>
#include <numeric>
#include <type_traits>
#include <utility>

namespace hlffi::rt {

// `cmp(a, b, &r)` stores the comparator's result in r and returns false when the comparator
// failed (an exception is pending): the sort then stops at once and returns false.
template <typename T, typename Cmp>
class MergeSort {
public:
    MergeSort(T* a, Cmp& cmp) : a_(a), cmp_(cmp) {}

    bool sort(int32_t from, int32_t to) {
        if (to - from < 12) {
            for (int32_t i = from + 1; i < to; i++) {
                for (int32_t j = i; j > from; j--) {
                    int32_t r;
                    if (!cmp_(a_[j], a_[j - 1], &r)) return false;
                    if (r >= 0) break;
                    std::swap(a_[j], a_[j - 1]);
                }
            }
            return true;
        }
        int32_t mid = (from + to) >> 1;
        return sort(from, mid) && sort(mid, to) && merge(from, mid, to, mid - from, to - mid);
    }

private:
    // a[x] < a[y] by the comparator; false when it failed.
    bool less(int32_t x, int32_t y, bool* out) {
        int32_t r;
        if (!cmp_(a_[x], a_[y], &r)) return false;
        *out = r < 0;
        return true;
    }

    // First k in [from, to) with NOT a[k] < a[val].
    bool lower(int32_t from, int32_t to, int32_t val, int32_t* out) {
        int32_t len = to - from;
        while (len > 0) {
            int32_t half = len >> 1, mid = from + half;
            bool lt;
            if (!less(mid, val, &lt)) return false;
            if (lt) {
                from = mid + 1;
                len = len - half - 1;
            } else {
                len = half;
            }
        }
        *out = from;
        return true;
    }

    // First k in [from, to) with a[val] < a[k].
    bool upper(int32_t from, int32_t to, int32_t val, int32_t* out) {
        int32_t len = to - from;
        while (len > 0) {
            int32_t half = len >> 1, mid = from + half;
            bool lt;
            if (!less(val, mid, &lt)) return false;
            if (lt) {
                len = half;
            } else {
                from = mid + 1;
                len = len - half - 1;
            }
        }
        *out = from;
        return true;
    }

    // [from, mid) and [mid, to) swap places (gcd-cycle rotation).
    void rotate(int32_t from, int32_t mid, int32_t to) {
        if (from == mid || mid == to) return;
        int32_t n = std::gcd(to - from, mid - from);
        int32_t shift = mid - from;
        while (n-- != 0) {
            T val = a_[from + n];
            int32_t p1 = from + n, p2 = from + n + shift;
            while (p2 != from + n) {
                a_[p1] = a_[p2];
                p1 = p2;
                p2 = to - p2 > shift ? p2 + shift : from + (shift - (to - p2));
            }
            a_[p1] = val;
        }
    }

    bool merge(int32_t from, int32_t pivot, int32_t to, int32_t len1, int32_t len2) {
        if (len1 == 0 || len2 == 0) return true;
        if (len1 + len2 == 2) {
            bool lt;
            if (!less(pivot, from, &lt)) return false;
            if (lt) std::swap(a_[pivot], a_[from]);
            return true;
        }
        int32_t first, second, len11, len22;
        if (len1 > len2) {
            len11 = len1 >> 1;
            first = from + len11;
            if (!lower(pivot, to, first, &second)) return false;
            len22 = second - pivot;
        } else {
            len22 = len2 >> 1;
            second = pivot + len22;
            if (!upper(from, pivot, second, &first)) return false;
            len11 = first - from;
        }
        rotate(first, pivot, second);
        int32_t newmid = first + len22;
        return merge(from, first, newmid, len11, len22) &&
               merge(newmid, second, to, len1 - len11, len2 - len22);
    }

    T* a_;
    Cmp& cmp_;
};

template <typename T, typename Cmp>
bool merge_sort(T* a, int32_t len, Cmp&& cmp) {
    MergeSort<T, std::remove_reference_t<Cmp>> s(a, cmp);
    return s.sort(0, len);
}

}  // namespace hlffi::rt
