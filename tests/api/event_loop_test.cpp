// api layer tests: hlffi_update / hlffi_process_events / hlffi_has_pending_* run the program's
// timers, EventLoop events and MainLoop callbacks (tests/haxe/api/events).
#include <gtest/gtest.h>

#include "api_fixture.h"
#include "hlffi.h"

using hlffi_test::LoadedVm;
using hlffi_test::take_string;

namespace {

std::string log_text(hlffi_vm* vm) {
    hlffi_value* r = hlffi_call_static(vm, "Events", "text", 0, nullptr);
    std::string s = take_string(hlffi_value_as_string(r));
    hlffi_value_free(r);
    return s;
}

TEST(EventLoop, UpdateRunsTimersAndMainLoopCallbacks) {
    LoadedVm t("events");
    EXPECT_FALSE(hlffi_has_pending_events(t.vm, HLFFI_EVENTLOOP_TIMERS));
    hlffi_value_free(hlffi_call_static(t.vm, "Events", "schedule", 0, nullptr));
    EXPECT_TRUE(hlffi_has_pending_events(t.vm, HLFFI_EVENTLOOP_TIMERS));
    EXPECT_TRUE(hlffi_has_pending_work(t.vm));
    EXPECT_EQ(log_text(t.vm), "");
    EXPECT_EQ(hlffi_process_events(t.vm, HLFFI_EVENTLOOP_MAINLOOP), HLFFI_OK);
    EXPECT_EQ(log_text(t.vm), "");  // timers are not MainLoop callbacks
    EXPECT_EQ(hlffi_update(t.vm, 0.016f), HLFFI_OK) << hlffi_get_error(t.vm);
    std::string after = log_text(t.vm);
    EXPECT_NE(after.find("run"), std::string::npos) << after;
    EXPECT_NE(after.find("timer"), std::string::npos) << after;
    hlffi_value_free(hlffi_call_static(t.vm, "Events", "scheduleMainLoop", 0, nullptr));
    EXPECT_TRUE(hlffi_has_pending_events(t.vm, HLFFI_EVENTLOOP_MAINLOOP));
    EXPECT_EQ(hlffi_process_events(t.vm, HLFFI_EVENTLOOP_MAINLOOP), HLFFI_OK) << hlffi_get_error(t.vm);
    EXPECT_NE(log_text(t.vm).find("mainloop"), std::string::npos) << log_text(t.vm);
    EXPECT_FALSE(hlffi_has_pending_events(t.vm, HLFFI_EVENTLOOP_MAINLOOP));
    EXPECT_EQ(hlffi_process_events(t.vm, HLFFI_EVENTLOOP_UV), HLFFI_OK);
}

TEST(EventLoop, AnEventThatThrowsReachesTheHost) {
    LoadedVm t("events");
    hlffi_value_free(hlffi_call_static(t.vm, "Events", "failing", 0, nullptr));
    EXPECT_EQ(hlffi_update(t.vm, 0), HLFFI_ERROR_EXCEPTION_THROWN);
    EXPECT_STREQ(hlffi_get_exception_message(t.vm), "event failure");
    EXPECT_EQ(hlffi_update(t.vm, 0), HLFFI_OK);  // usable afterwards
}

TEST(EventLoop, BadInput) {
    EXPECT_EQ(hlffi_update(nullptr, 0), HLFFI_ERROR_NULL_VM);
    EXPECT_EQ(hlffi_process_events(nullptr, HLFFI_EVENTLOOP_ALL), HLFFI_ERROR_NULL_VM);
    EXPECT_FALSE(hlffi_has_pending_work(nullptr));
    EXPECT_FALSE(hlffi_has_pending_events(nullptr, HLFFI_EVENTLOOP_ALL));
    hlffi_vm* vm = hlffi_create();
    ASSERT_EQ(hlffi_init(vm, 0, nullptr), HLFFI_OK);
    EXPECT_EQ(hlffi_update(vm, 0), HLFFI_ERROR_NOT_LOADED);
    hlffi_destroy(vm);
    LoadedVm t("events");
    EXPECT_EQ(hlffi_process_events(t.vm, static_cast<hlffi_eventloop_type>(99)), HLFFI_ERROR_INVALID_ARGUMENT);
}

}  // namespace

namespace {

TEST(EventLoop, WithoutProgressOnlyOneTimeEventsRun) {
    LoadedVm t("events_dce");
    hlffi_value_free(hlffi_call_static(t.vm, "Events", "once", 0, nullptr));
    EXPECT_EQ(hlffi_update(t.vm, 0), HLFFI_OK) << hlffi_get_error(t.vm);
    EXPECT_EQ(log_text(t.vm), "once");
    hlffi_value_free(hlffi_call_static(t.vm, "Events", "every", 0, nullptr));
    EXPECT_EQ(hlffi_update(t.vm, 0), HLFFI_ERROR_EVENTLOOP_FAILED);  // would never return
    EXPECT_NE(std::string(hlffi_get_error(t.vm)).find("progress"), std::string::npos);
}

}  // namespace
