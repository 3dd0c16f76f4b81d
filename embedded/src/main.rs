//! jose-core on a Cortex-M4 (QEMU mps2-an386), no OS, a fixed heap.
//!
//! Decrypts and verifies an Auth0-shaped nested token from vectors/ with keys
//! compiled in (RSA-OAEP around RS256, or with the `ecdh` feature
//! ECDH-ES+A256KW on P-256 around ES256), validates its claims against a fixed time, prints the subject
//! over semihosting, and reports the peak heap (from the allocator), the peak
//! stack (painted and scanned) and the instruction count (SysTick under
//! QEMU's -icount, which QEMU's DWT cycle counter does not provide). Exits
//! with a failure status if anything is wrong.
//!
//!     cargo run --release        (in embedded/; see EMBEDDED.md)
#![no_std]
#![no_main]

use core::alloc::{GlobalAlloc, Layout};
use core::sync::atomic::{AtomicU32, AtomicUsize, Ordering};

use cortex_m::peripheral::syst::SystClkSource;
use cortex_m_rt::{entry, exception};
use cortex_m_semihosting::{debug, hprintln};
use embedded_alloc::LlffHeap;
use jose_core::cache::FixedTokenCache;
use jose_core::jwt::{self, Validation};
use jose_core::keys::{PrivateKey, PrivateKeySet, PublicKeySet};
use rand_chacha::rand_core::SeedableRng;

mod config {
    include!(concat!(env!("OUT_DIR"), "/heap.rs"));
    include!(concat!(env!("OUT_DIR"), "/token.rs"));
}

const TOKEN: &str = include_str!(concat!(env!("OUT_DIR"), "/token.jwe"));
const API_KEY: &str = include_str!(concat!(env!("OUT_DIR"), "/api.jwk.json"));
const ISSUER_JWKS: &str = include_str!(concat!(env!("OUT_DIR"), "/issuer.jwks.json"));
const NOW: u64 = 1_700_000_100;
const EXPECTED_SUBJECT: &str = "auth0|5f7c8ec7c33c6c004bbafe82";
const STACK_PAINT: u32 = 0xDEAD_BEEF;

/// The heap, wrapped to count the bytes in use and their peak.
struct CountingHeap {
    heap: LlffHeap,
    in_use: AtomicUsize,
    peak: AtomicUsize,
}

unsafe impl GlobalAlloc for CountingHeap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { self.heap.alloc(layout) };
        if !ptr.is_null() {
            let now = self.in_use.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            self.peak.fetch_max(now, Ordering::Relaxed);
        }
        ptr
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        self.in_use.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { self.heap.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static HEAP: CountingHeap = CountingHeap {
    heap: LlffHeap::empty(),
    in_use: AtomicUsize::new(0),
    peak: AtomicUsize::new(0),
};

/// SysTick wraps every 2^24 ticks; count the wraps.
static SYSTICK_WRAPS: AtomicU32 = AtomicU32::new(0);

#[exception]
fn SysTick() {
    SYSTICK_WRAPS.fetch_add(1, Ordering::Relaxed);
}


fn fail(what: &str) -> ! {
    hprintln!("FAIL: {}", what);
    debug::exit(debug::EXIT_FAILURE);
    loop {}
}

unsafe extern "C" {
    static mut __sheap: u32;
    static _stack_start: u32;
}

#[entry]
fn main() -> ! {
    // The heap: a fixed static region.
    {
        use core::mem::MaybeUninit;
        static mut HEAP_MEM: [MaybeUninit<u8>; config::HEAP_BYTES] = [MaybeUninit::uninit(); config::HEAP_BYTES];
        unsafe { HEAP.heap.init(core::ptr::addr_of_mut!(HEAP_MEM) as usize, config::HEAP_BYTES) }
    }

    // Paint the free stack, from the end of static data up to below our frame.
    let sp = cortex_m::register::msp::read() as usize;
    let bottom = core::ptr::addr_of_mut!(__sheap) as usize;
    let top = core::ptr::addr_of!(_stack_start) as usize;
    let mut p = bottom;
    while p + 4 < sp - 512 {
        unsafe { core::ptr::write_volatile(p as *mut u32, STACK_PAINT) };
        p += 4;
    }

    // The instruction counter: SysTick on the core clock under -icount.
    let mut core = cortex_m::Peripherals::take().unwrap_or_else(|| fail("peripherals"));
    core.SYST.set_clock_source(SystClkSource::Core);
    core.SYST.set_reload(0x00FF_FFFF);
    core.SYST.clear_current();
    core.SYST.enable_interrupt();
    core.DCB.enable_trace();
    core.DWT.enable_cycle_counter();

    // Start-up work: import the keys (allocates; measured apart).
    let api = PrivateKeySet::new()
        .with(PrivateKey::from_jwk(API_KEY).unwrap_or_else(|_| fail("API key import")))
        .unwrap_or_else(|_| fail("API key set"));
    let issuer = PublicKeySet::from_jwks(ISSUER_JWKS).unwrap_or_else(|_| fail("issuer JWKS import"));
    let heap_after_import = HEAP.in_use.load(Ordering::Relaxed);
    HEAP.peak.store(heap_after_import, Ordering::Relaxed);

    // Demo only: a fixed seed. A device seeds this from its hardware TRNG.
    let mut rng = rand_chacha::ChaCha20Rng::from_seed([7u8; 32]);
    let rules = Validation::new()
        .issuer("https://tenant.example.auth0.com/")
        .audience("https://api.example.com");
    static mut BUF: [u8; 4096] = [0; 4096];
    let buf = unsafe { &mut *core::ptr::addr_of_mut!(BUF) };

    core.SYST.enable_counter();
    // The first reload happens on the first tick: wait for it.
    while cortex_m::peripheral::SYST::get_current() == 0 {}
    let start_ticks = ticks(&core.SYST);
    let dwt_start = cortex_m::peripheral::DWT::cycle_count();
    let result = jwt::decrypt_and_verify(TOKEN.trim(), &jwt::Trust::nested(&api, &issuer, &rules, NOW), &mut rng, buf);
    let dwt_end = cortex_m::peripheral::DWT::cycle_count();
    let elapsed = ticks(&core.SYST) - start_ticks;
    core.SYST.disable_counter();

    // Calibration: a loop of exactly 2,000,000 instructions (subs + bne).
    core.SYST.enable_counter();
    let before = ticks(&core.SYST);
    unsafe {
        core::arch::asm!("1:", "subs {0}, {0}, #1", "bne 1b", inout(reg) 1_000_000u32 => _);
    }
    let calibration = (ticks(&core.SYST) - before) * 40;
    core.SYST.disable_counter();

    let jwt = result.unwrap_or_else(|_| fail("decrypt_and_verify"));
    let subject = jwt.claims().subject().unwrap_or_else(|| fail("no sub"));
    if subject != EXPECTED_SUBJECT {
        fail("wrong subject");
    }
    hprintln!("token: {} ({} bytes)", config::TOKEN_NAME, TOKEN.trim().len());
    hprintln!("subject: {}", subject);

    let mut lowest = bottom;
    while lowest < sp && unsafe { core::ptr::read_volatile(lowest as *const u32) } == STACK_PAINT {
        lowest += 4;
    }
    hprintln!("heap: configured {} bytes, keys {} bytes, peak during the call {} bytes", config::HEAP_BYTES, heap_after_import, HEAP.peak.load(Ordering::Relaxed));
    hprintln!("stack: peak {} bytes", top - lowest);
    // mps2-an386's core clock is 25 MHz; under -icount shift=0 one
    // instruction is 1 ns, so one SysTick tick is 40 instructions.
    hprintln!("instructions (SysTick under -icount, 40-instruction resolution): {} ({} SysTick wraps)", elapsed * 40, SYSTICK_WRAPS.load(Ordering::Relaxed));
    hprintln!("calibration: a 2,000,000-instruction loop measures {}", calibration);
    hprintln!("DWT cycle counter: {} (QEMU does not implement it)", dwt_end.wrapping_sub(dwt_start));

    // The warm path: the same token through a verified-token cache in a
    // static (2 entries of 1 KiB), opened once, then served from it.
    static mut CACHE: FixedTokenCache<2, 2048> = FixedTokenCache::new();
    let cache = unsafe { &mut *core::ptr::addr_of_mut!(CACHE) };
    let buf = unsafe { &mut *core::ptr::addr_of_mut!(BUF) };
    let cold = cache.decrypt_and_verify(TOKEN.trim(), &jwt::Trust::nested(&api, &issuer, &rules, NOW), &mut rng, buf).is_ok();
    core.SYST.enable_counter();
    let before = ticks(&core.SYST);
    let warm = cache.decrypt_and_verify(TOKEN.trim(), &jwt::Trust::nested(&api, &issuer, &rules, NOW + 60), &mut rng, buf);
    let hit = ticks(&core.SYST) - before;
    core.SYST.disable_counter();
    let same = warm.map(|jwt| jwt.claims().subject().is_some_and(|s| s == EXPECTED_SUBJECT)).unwrap_or(false);
    if !(cold && same && cache.stats().hits == 1) {
        fail("cache");
    }
    hprintln!("cache hit: {} instructions (SysTick under -icount), subject the same", hit * 40);
    debug::exit(debug::EXIT_SUCCESS);
    loop {}
}

/// Core-clock ticks since the counter started (wraps counted by the handler).
fn ticks(syst: &cortex_m::peripheral::SYST) -> u64 {
    loop {
        let wraps = SYSTICK_WRAPS.load(Ordering::Relaxed);
        let current = cortex_m::peripheral::SYST::get_current();
        if wraps == SYSTICK_WRAPS.load(Ordering::Relaxed) {
            let _ = syst;
            return u64::from(wraps) * 0x0100_0000 + u64::from(0x00FF_FFFF - current);
        }
    }
}

#[panic_handler]
fn panic(info: &core::panic::PanicInfo<'_>) -> ! {
    hprintln!("PANIC: {}", info);
    debug::exit(debug::EXIT_FAILURE);
    loop {}
}
