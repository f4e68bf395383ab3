"""The script Streamlit runs for every page and every rerun: dashboard.py's frame and router.

It sits in a folder of its own on purpose. Streamlit treats a pages/ folder beside its entry
script as old-style pages until the first st.navigation call of a process: a server's first
visitor to /safety got pages/safety.py alone, with no quick exit and no crisis strip, and a first
visitor to /what-to-do a "Page not found" dialog. No pages/ folder is beside this file, so every
visit, the first included, goes through dashboard.main(); the page scripts stay in pages/.
"""

import dashboard

dashboard.main()
