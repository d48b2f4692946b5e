// api layer: the event-loop functions of include/hlffi.h: the host's frame loop runs the due
// events of the program's main-thread sys.thread.EventLoop (haxe.Timer, EventLoop.run/repeat) and
// the haxe.MainLoop callbacks, through the program's own Haxe code.
#include "api/api_internal.h"

using namespace hlffi;

namespace {

// The main thread's EventLoop, or nullptr when the program has none (compiled out by DCE: then
// there are no events to run either).
hlffi_value* main_event_loop(hlffi_vm* vm) {
    if (api::find_type(vm, "sys.thread._Thread.HaxeThread") == nullptr) return nullptr;
    hlffi_value* thread = hlffi_get_static_field(vm, "sys.thread._Thread.HaxeThread", "mainThread");
    if (thread == nullptr) return nullptr;
    hlffi_value* events = hlffi_value_is_null(thread) ? nullptr : hlffi_get_field(thread, "events");
    hlffi_value_free(thread);
    if (events != nullptr && hlffi_value_is_null(events)) {
        hlffi_value_free(events);
        return nullptr;
    }
    return events;
}

bool mainloop_present(hlffi_vm* vm) { return api::find_type(vm, "haxe.MainLoop") != nullptr; }

bool timers_pending(hlffi_vm* vm);

hlffi_error_code run_timers(hlffi_vm* vm) {
    hlffi_value* events = main_event_loop(vm);
    if (events == nullptr) return HLFFI_OK;
    hlffi_value_free(hlffi_call_method(events, "progress", 0, nullptr));
    if (vm->last_code == HLFFI_ERROR_METHOD_NOT_FOUND) {
        // Dead-code elimination keeps progress() only when the program calls it. loop() is always
        // there, but it runs until no event is left: safe only when nothing repeats.
        hlffi_value* regular = hlffi_get_field(events, "regularEvents");
        bool repeating = regular == nullptr || !hlffi_value_is_null(regular) || hlffi_get_field_int(events, "promisedEventsCount", 1) != 0;
        hlffi_value_free(regular);
        if (repeating) {
            hlffi_value_free(events);
            return api::fail(vm, HLFFI_ERROR_EVENTLOOP_FAILED,
                             "the program's sys.thread.EventLoop has no progress() (removed by dead-code elimination): "
                             "call it once in the program, or compile with --macro keep('sys.thread.EventLoop')");
        }
        hlffi_value_free(hlffi_call_method(events, "loop", 0, nullptr));
    }
    hlffi_value_free(events);
    return vm->last_code;
}

hlffi_error_code run_mainloop(hlffi_vm* vm) {
    if (!mainloop_present(vm)) return HLFFI_OK;
    hlffi_value* r = hlffi_call_static(vm, "haxe.MainLoop", "tick", 0, nullptr);
    hlffi_value_free(r);
    // tick is private and may be compiled out when the program never adds a callback.
    if (vm->last_code == HLFFI_ERROR_METHOD_NOT_FOUND) api::succeed(vm);
    return vm->last_code;
}

bool timers_pending(hlffi_vm* vm) {
    hlffi_value* events = main_event_loop(vm);
    if (events == nullptr) return false;
    bool pending = hlffi_get_field_int(events, "oneTimeEventsIdx", 0) > 0 || hlffi_get_field_int(events, "promisedEventsCount", 0) > 0;
    if (!pending) {
        hlffi_value* regular = hlffi_get_field(events, "regularEvents");
        pending = regular != nullptr && !hlffi_value_is_null(regular);
        hlffi_value_free(regular);
    }
    hlffi_value_free(events);
    return pending;
}

bool mainloop_pending(hlffi_vm* vm) {
    if (!mainloop_present(vm)) return false;
    hlffi_value* r = hlffi_call_static(vm, "haxe.MainLoop", "hasEvents", 0, nullptr);
    bool pending = hlffi_value_as_bool(r, false);
    hlffi_value_free(r);
    return pending;
}

}  // namespace

extern "C" {

hlffi_error_code hlffi_process_events(hlffi_vm* vm, hlffi_eventloop_type type) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    if (!api::check_loaded(vm, true)) return vm->last_code;
    switch (type) {
    case HLFFI_EVENTLOOP_UV: break;  // no libuv loop in this VM
    case HLFFI_EVENTLOOP_TIMERS:
        if (hlffi_error_code e = run_timers(vm); e != HLFFI_OK) return e;
        break;
    case HLFFI_EVENTLOOP_MAINLOOP:
        if (hlffi_error_code e = run_mainloop(vm); e != HLFFI_OK) return e;
        break;
    case HLFFI_EVENTLOOP_HAXE: case HLFFI_EVENTLOOP_ALL:
        if (hlffi_error_code e = run_timers(vm); e != HLFFI_OK) return e;
        if (hlffi_error_code e = run_mainloop(vm); e != HLFFI_OK) return e;
        break;
    default: return api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "unknown event loop type " + std::to_string(static_cast<int>(type)));
    }
    api::succeed(vm);
    return HLFFI_OK;
}

bool hlffi_has_pending_events(hlffi_vm* vm, hlffi_eventloop_type type) {
    if (vm == nullptr || !api::check_loaded(vm, true)) return false;
    switch (type) {
    case HLFFI_EVENTLOOP_TIMERS: return timers_pending(vm);
    case HLFFI_EVENTLOOP_MAINLOOP: return mainloop_pending(vm);
    case HLFFI_EVENTLOOP_HAXE: case HLFFI_EVENTLOOP_ALL: return timers_pending(vm) || mainloop_pending(vm);
    default: return false;
    }
}

hlffi_error_code hlffi_update(hlffi_vm* vm, float delta_time) {
    (void)delta_time;  // Haxe's timers read their own clock
    return hlffi_process_events(vm, HLFFI_EVENTLOOP_ALL);
}

bool hlffi_has_pending_work(hlffi_vm* vm) { return hlffi_has_pending_events(vm, HLFFI_EVENTLOOP_ALL); }

}  // extern "C"
