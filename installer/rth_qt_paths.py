"""PyInstaller runtime hook used on Linux instead of PyInstaller's PySide6 one: Qt's plugin folder, without importing Qt.

PyInstaller's hook imports PySide6.QtCore at every start only to check for an embedded qt.conf, which PySide6's
wheels already carry. That made every command that never opens a window (`cpiquote pricebook check`, `quote`)
about 60 ms slower than the installed package. Qt itself is still loaded the moment the window is wanted.
"""

import os
import sys

os.environ["QT_PLUGIN_PATH"] = os.path.join(sys._MEIPASS, "PySide6", "Qt", "plugins")  # type: ignore[attr-defined]
