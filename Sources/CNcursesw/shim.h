// ncursesw for Swift: wide-character API on, and getters for what Swift 6 cannot read directly
// (C globals are not concurrency-safe; NCURSES_BITS macros do not import).
#ifndef ECM_CNCURSESW_SHIM_H
#define ECM_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *ecm_stdscr(void) { return stdscr; }
static inline int ecm_lines(void) { return LINES; }
static inline int ecm_cols(void) { return COLS; }
static inline int ecm_colors(void) { return COLORS; }
static inline int ecm_color_pairs(void) { return COLOR_PAIRS; }

static const attr_t ecm_a_normal = A_NORMAL;
static const attr_t ecm_a_bold = A_BOLD;
static const attr_t ecm_a_reverse = A_REVERSE;
static const attr_t ecm_a_underline = A_UNDERLINE;
static const attr_t ecm_a_dim = A_DIM;

/// Puts one cell (up to 4 wide characters: a base and its combining marks) at y, x.
static inline int ecm_put_cell(WINDOW *win, int y, int x, const wchar_t *chars, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, chars, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(win, y, x, &cell);
}

static inline int ecm_set_locale(void) { return setlocale(LC_ALL, "") != NULL; }
#endif
