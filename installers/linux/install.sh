#!/bin/sh
# Install Exporter Desk for the current user (no root): run ./install.sh from the unpacked folder.
#   ./install.sh             copy the app to ~/.local/opt/exporter-desk, put `exporter-desk` on
#                            ~/.local/bin, add it to the applications menu and to "Open with"
#                            for PDF files
#   ./install.sh --uninstall remove all that again; your data (~/.local/share/ExporterDesk) stays
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
app_dir=$HOME/.local/opt/exporter-desk
bin_dir=$HOME/.local/bin
desktop_file=$data_home/applications/exporter-desk.desktop

refresh() {
    # The menus and icon caches notice the change at once; where the tools are missing they
    # notice it at the next login.
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$data_home/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$data_home/icons/hicolor" || true
    fi
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$app_dir"
    rm -f "$bin_dir/exporter-desk" "$desktop_file"
    find "$data_home/icons/hicolor" -name 'exporter-desk.*' -path '*/apps/*' -delete 2>/dev/null || true
    refresh
    echo "Exporter Desk removed. Your data is still in $data_home/ExporterDesk."
    exit 0
fi

rm -rf "$app_dir"
mkdir -p "$app_dir" "$bin_dir" "$data_home/applications"
cp -R "$here/exporter-desk/." "$app_dir/"
ln -sf "$app_dir/exporter-desk" "$bin_dir/exporter-desk"
(cd "$here/icons" && find hicolor -type f) | while read -r icon; do
    mkdir -p "$data_home/icons/$(dirname "$icon")"
    cp "$here/icons/$icon" "$data_home/icons/$icon"
done
# The menu entry runs the installed program by its full path: ~/.local/bin may not be on PATH.
sed -e "s|^Exec=exporter-desk|Exec=$app_dir/exporter-desk|" \
    -e "s|^TryExec=exporter-desk|TryExec=$app_dir/exporter-desk|" \
    "$here/exporter-desk.desktop" >"$desktop_file"
refresh
echo "Exporter Desk installed: find it in your applications menu, or run $bin_dir/exporter-desk"
